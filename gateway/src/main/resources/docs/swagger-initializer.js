// Shows the Sceneway specs served by this gateway (/openapi/*.yaml); common.yaml holds the shared components
// that credit.yaml refers to, so it is listed too.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: "/openapi/credit.yaml", name: "Consumer Credit API" },
      { url: "/openapi/common.yaml", name: "Shared components" }
    ],
    "urls.primaryName": "Consumer Credit API",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No calls to the public validator.swagger.io: our specs stay on this host.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
