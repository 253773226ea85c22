"""The read model: what pages, the REST API and the command line show, by resource."""
