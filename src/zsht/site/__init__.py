"""`zsht site`: the county's published records as a static website that any web server, or a browser opening the
files from disk, can show. See build.build_site."""

from __future__ import annotations

from .build import SiteResult, build_site, render_site

__all__ = ["SiteResult", "build_site", "render_site"]
