"""Read a Django/Wagtail admin form's current values from its HTML, to post it back edited."""

from bs4 import BeautifulSoup


def form_values(html, field="name_en"):
    """The values a browser would submit for the form holding ``field``, as a dict of lists."""
    soup = BeautifulSoup(html, "html.parser")
    form = next(form for form in soup.select("form") if form.select_one(f"[name={field}]"))
    values = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            values.setdefault(name, []).append(field.get_text())
        elif field.name == "select":
            chosen = [option.get("value", option.get_text()) for option in field.select("option[selected]")]
            values.setdefault(name, []).extend(chosen)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            values.setdefault(name, []).append(field.get("value", ""))
    return values
