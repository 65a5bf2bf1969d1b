import pytest

from articles.markdown import render_markdown


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("Hello <script>alert('x')</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click me](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<iframe src="https://example.com/"></iframe>', "<iframe"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ('<p style="color:red" onclick="steal()">x</p>', "onclick"),
        ('<a href="https://example.com" onmouseover="x()">x</a>', "onmouseover"),
        ("<svg onload=alert(1)>", "<svg"),
    ],
)
def test_sanitizer_removes_dangerous_markup(source, forbidden):
    html, _ = render_markdown(source)
    assert forbidden.lower() not in html.lower()


def test_safe_markdown_survives():
    html, _ = render_markdown(
        "## Heading\n\n- one\n- two\n\n[NCI](https://www.cancer.gov/) and [mail](mailto:a@b.example)\n\n"
        "| Test | Why |\n|---|---|\n| CT | To see the lungs |\n\n![A chart](https://example.org/c.png)\n"
    )
    assert '<h2 id="heading">Heading</h2>' in html
    assert "<li>one</li>" in html
    assert 'href="https://www.cancer.gov/"' in html
    assert 'href="mailto:a@b.example"' in html
    assert "<table>" in html and "<td>CT</td>" in html
    assert '<img alt="A chart" src="https://example.org/c.png">' in html


def test_callout_box_keeps_its_class_and_title():
    html, _ = render_markdown('!!! warning "Seek medical attention right away"\n    If you have sudden back pain.\n')
    assert '<div class="admonition warning">' in html
    assert '<p class="admonition-title">Seek medical attention right away</p>' in html


def test_unknown_classes_are_dropped():
    html, _ = render_markdown('<div class="admonition evil-overlay">x</div>')
    assert "evil-overlay" not in html
