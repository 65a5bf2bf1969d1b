"""Submit an admin change form as a browser would: every field as the page filled it, plus changes."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def submit_change_form(client, url, expect=302, **changes):
    """GET the admin page at `url`, change the named fields, POST it; returns the response, whose
    status must be `expect` (302: saved; 200: the form again, with errors)."""
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _FormFields()
    parser.feed(page.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response
