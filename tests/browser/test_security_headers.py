"""Every page type, served by `atipsom serve`, carries the security headers, and the browser reports no
Content-Security-Policy violation on any of them: the policy allows what the site itself needs (its own
files and the hashes of its own inline scripts) and nothing else."""

from __future__ import annotations

import urllib.request

import pytest

from tests.browser.pagetypes import PAGE_TYPES


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_type_is_served_with_the_security_headers(server, name):
    with urllib.request.urlopen(server + PAGE_TYPES[name], timeout=10) as response:
        headers = {key.lower(): value for key, value in response.headers.items()}
    policy = headers["content-security-policy"]
    assert policy.startswith("default-src 'self'") and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-cache"


def test_no_page_type_breaks_the_content_security_policy(open_reader):
    reader = open_reader()
    for name, path in sorted(PAGE_TYPES.items()):
        page = reader.open(path)
        page.wait_for_load_state("networkidle")
        assert page.title(), name
    # the open_reader fixture fails the test if any page logged a Content-Security-Policy violation


def test_the_violation_detector_sees_a_blocked_inline_script(browser, report):
    """The check above can fail: a page whose inline script is not in its policy is reported."""
    from tests.browser.conftest import Reader

    reader = Reader(browser, "http://127.0.0.1:9", report)
    try:
        reader.page.route("**/*", lambda route: route.fulfill(
            status=200, content_type="text/html",
            headers={"content-security-policy": "default-src 'self'; script-src 'self'"},
            body="<html><head><title>t</title><script>document.title = 'ran'</script></head><body></body></html>"))
        reader.open("/probe")
        assert reader.page.title() == "t"
        assert reader.csp_violations and "Content Security Policy" in reader.csp_violations[0]
    finally:
        report.csp_violations.clear()
        reader.close()
