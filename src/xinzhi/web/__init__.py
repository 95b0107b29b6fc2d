"""The web application: FastAPI app factory, pages, REST API, Plotly figures.

``xinzhi.web.server.serve(path)`` runs it; ``xinzhi.web.app.create_app(ws)`` builds it;
``xinzhi.web.figures`` holds the figure functions shared with Jupyter.
"""
