// Rapport drives a system Chrome, Edge or Chromium; installing the project never downloads a browser.
module.exports = { skipDownload: true };
