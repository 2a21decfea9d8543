"""The batch job service behind `pmdesk serve`: the /pm/v1 API over HTTP (see docs/api.md)."""
