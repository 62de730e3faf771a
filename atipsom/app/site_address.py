"""Where the site is published (`atipsom build --site-url URL`): one checked, normalised value that the build
hands to MkDocs as `site_url` (canonical links, sitemap, the 404 page's base) and that every page carries for
its copied citations. Pure: no I/O."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def parse_site_url(text: str) -> str:
    """'https://example.org/atipsom-navigator' -> 'https://example.org/atipsom-navigator/'.

    An absolute http(s) address with a host and no query or fragment; the path always ends with '/', because
    every page's address is the site's address plus the page's path. Raises ValueError saying what to write.
    """
    value = text.strip()
    parts = urlsplit(value)
    hint = "write an absolute address such as https://example.github.io/atipsom-navigator/"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{text!r} is not an http(s) address with a host name: {hint}")
    if parts.query or parts.fragment:
        raise ValueError(f"{text!r} has a query or a fragment: {hint}")
    if parts.username or parts.password:
        raise ValueError(f"{text!r} contains a user name or password: {hint}")
    if any(ch.isspace() or ch in "\"'<>\\" for ch in value):
        raise ValueError(f"{text!r} contains spaces, quotes or backslashes: {hint}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def base_path(site_url: str | None) -> str:
    """The path the site is served under: '/atipsom-navigator/' for the address above, '/' without one."""
    return urlsplit(site_url).path if site_url else "/"
