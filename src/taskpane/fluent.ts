// Fluent UI for the pane, framework-free: Microsoft's Fluent UI web components (`fluent-button`, `fluent-card`…)
// registered once, and the Fluent design tokens (colours, corner radii, type ramp) emitted as CSS custom
// properties on the document, so that the few native controls kept (select, date input) are styled from the same
// tokens. Everything is bundled by webpack: no CDN besides office.js.
import {
  accentBaseColor,
  fluentAnchor,
  fluentButton,
  fluentCard,
  fluentCheckbox,
  fluentDivider,
  fluentProgress,
  provideFluentDesignSystem,
  SwatchRGB,
} from "@fluentui/web-components";
import { DesignToken } from "@microsoft/fast-foundation";

/** Office's brand blue (Fluent 2 `brand` 80), the accent of every Office add-in. */
const OFFICE_BLUE = { r: 0x0f / 255, g: 0x6c / 255, b: 0xbd / 255 };

export function registerFluent(): void {
  // Design tokens' default values go to the document root as CSS custom properties (--accent-fill-rest …).
  DesignToken.registerRoot();
  accentBaseColor.withDefault(SwatchRGB.create(OFFICE_BLUE.r, OFFICE_BLUE.g, OFFICE_BLUE.b));
  provideFluentDesignSystem().register(
    fluentAnchor(),
    fluentButton(),
    fluentCard(),
    fluentCheckbox(),
    fluentDivider(),
    fluentProgress(),
  );
}
