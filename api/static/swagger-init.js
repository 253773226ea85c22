// Starts Swagger UI on /docs (served by citygraph itself: see api/routes/api_docs.py).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
