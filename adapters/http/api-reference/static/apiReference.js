// Renders this process's /openapi.json with Swagger UI (swagger-ui-dist, served by Midplat itself).
// Kept out of index.html so the page needs no inline script under its Content-Security-Policy.
window.midplatApiReference = SwaggerUIBundle({
  url: new URL('../openapi.json', document.baseURI).href,
  dom_id: '#api-reference',
  // BaseLayout without the standalone preset: its top bar carries an inline <style> (refused by the CSP)
  // and a URL box that would let the page load any other document.
  layout: 'BaseLayout',
  presets: [SwaggerUIBundle.presets.apis],
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  // The online validator badge would send the document to validator.swagger.io.
  validatorUrl: null,
  // "Try it out" calls this same origin only (the document's server is "/").
  tryItOutEnabled: false,
});
