"""The web server of plangraph: pages, JSON API and SPARQL endpoint (`plangraph serve`).

`plangraph.web.app.create_app(kg)` builds the FastAPI app; see web/README.md for the routes,
the limits and why the SPARQL endpoint runs queries in killable worker processes.
"""
