import lxml.html
import pytest

import forms

CONTEXT = {"risk_level": "acceptable", "curators": [{"label": "Смирнова А. А.", "value": "cur-1"}]}


def page(definition, **kwargs):
    kwargs.setdefault("context", CONTEXT)
    html = forms.render(definition, **kwargs)
    return html, lxml.html.fragment_fromstring(str(html), create_parent="div")


def by_name(tree, name):
    return tree.xpath(f'//*[@name="{name}"]')


def test_every_input_has_a_label_pointing_at_it(sink):
    _, tree = page(sink, data={})
    controls = tree.xpath("//input | //select | //textarea")
    assert controls
    for control in controls:
        assert tree.xpath(f'//label[@for="{control.get("id")}"]'), control.get("name")


def test_help_and_errors_are_described_and_marked(sink):
    _, tree = page(sink, data={}, errors={"name": ["Заполните это поле."]})
    (name,) = by_name(tree, "name")
    assert "is-invalid" in name.get("class") and name.get("aria-invalid") == "true"
    described = name.get("aria-describedby").split()
    texts = [tree.xpath(f'//*[@id="{ident}"]')[0].text_content() for ident in described]
    assert texts == ["Как в паспорте.", "Заполните это поле."]
    assert "invalid-feedback" in tree.xpath(f'//*[@id="{described[1]}"]')[0].get("class")
    # the error sits in the same field block as the input
    block = name.getparent()
    assert block.xpath('.//*[contains(@class, "invalid-feedback")]')


def test_errors_on_choice_groups_are_described_on_the_fieldset(sink):
    _, tree = page(sink, data={}, errors={"level": ["Выберите значение."]})
    (fieldset,) = tree.xpath('//fieldset[@data-field="level"]')
    assert fieldset.xpath("legend")[0].text_content().startswith("Уровень риска")
    error_id = fieldset.get("aria-describedby")
    assert tree.xpath(f'//*[@id="{error_id}"]')[0].text_content() == "Выберите значение."


def test_prefill_from_data_and_defaults(sink):
    data = {"name": "Анна", "hours": 4.5, "consent": True, "services": ["cv"], "level": "high",
            "plan": {"goal": "Стажировка"}, "start_date": "2026-09-01", "meeting_at": "2026-09-01T07:00:00+00:00",
            "curator_id": "cur-1", "tags": ["orphan"], "notes": "Текст", "youth_name": "Петров Иван"}
    _, tree = page(sink, data=data)
    assert by_name(tree, "name")[0].get("value") == "Анна"
    assert by_name(tree, "hours")[0].get("value") == "4.5"
    assert by_name(tree, "consent")[0].get("checked") is not None
    checked = [box.get("value") for box in by_name(tree, "services") if box.get("checked") is not None]
    assert checked == ["cv"]
    assert [r.get("value") for r in by_name(tree, "level") if r.get("checked") is not None] == ["high"]
    assert by_name(tree, "plan.goal")[0].get("value") == "Стажировка"
    assert by_name(tree, "start_date")[0].get("value") == "2026-09-01"
    assert by_name(tree, "meeting_at")[0].get("value") == "2026-09-01T10:00"  # shown in Moscow time
    assert tree.xpath('//select[@name="curator_id"]/option[@selected]')[0].text == "Смирнова А. А."
    assert tree.xpath('//select[@name="tags"]/option[@selected]')[0].get("value") == "orphan"
    assert tree.xpath('//select[@name="course"]/option[@selected]')[0].get("value") == "1"  # defaultValue
    assert by_name(tree, "notes")[0].text == "Текст"
    assert by_name(tree, "youth_name")[0].get("readonly") == "readonly"


def test_native_constraints_help_the_browser(sink):
    _, tree = page(sink, data={})
    name = by_name(tree, "name")[0]
    assert (name.get("required"), name.get("minlength"), name.get("maxlength"), name.get("pattern")) == (
        "required", "3", "60", "[А-ЯЁа-яё -]+")
    hours = by_name(tree, "hours")[0]
    assert (hours.get("type"), hours.get("min"), hours.get("max"), hours.get("step")) == ("number", "0", "17.5", "0.5")
    assert by_name(tree, "age")[0].get("step") == "1"
    assert by_name(tree, "email")[0].get("type") == "email"
    assert by_name(tree, "phone")[0].get("type") == "tel"
    assert by_name(tree, "start_date")[0].get("type") == "date"
    assert by_name(tree, "meeting_time")[0].get("type") == "time"
    assert by_name(tree, "meeting_at")[0].get("type") == "datetime-local"
    assert by_name(tree, "consent")[0].get("required") == "required"
    assert by_name(tree, "level")[0].get("required") == "required"
    assert tree.xpath('//select[@name="course"]')[0].get("data-searchable") == "true"
    assert tree.xpath('//select[@name="tags"]')[0].get("multiple") is not None


def test_required_marker_is_visible_and_spoken(sink):
    _, tree = page(sink, data={})
    label = tree.xpath('//label[@for="field-name"]')[0]
    assert label.xpath('.//span[@aria-hidden="true"]')[0].text == "*"
    assert "обязательное поле" in label.xpath('.//span[@class="visually-hidden"]')[0].text
    _, tree = page(sink, data={}, locale="en")
    assert "required" in tree.xpath('//label[@for="field-name"]//span[@class="visually-hidden"]')[0].text


def test_spacer_keeps_its_height_without_a_style_attribute(sink):
    """The page's CSP refuses inline styles, so nothing the form renders may carry one."""
    html, tree = page(sink, data={})
    [spacer] = tree.xpath('//*[contains(@class, "pr-spacer")]')
    assert (spacer.tag, spacer.get("height"), spacer.get("aria-hidden")) == ("svg", "30", "true")
    assert not tree.xpath("//*[@style]") and "<style" not in str(html)


def test_groups_are_fieldsets_with_legends_and_layout_rows_are_grid_rows(sink):
    _, tree = page(sink, data={})
    legends = [legend.text_content() for legend in tree.xpath('//fieldset[contains(@class, "pr-group")]/legend')]
    assert "Индивидуальный план" in legends
    row = tree.xpath('//div[@class="row"][.//*[@name="hours"]]')[0]
    assert row.xpath('.//*[@name="age"]')
    assert [col.get("class") for col in row.xpath("./div")] == ["col-md-6", "col-md-6"]
    assert tree.xpath('//*[@name="hours"]/ancestor::div[@class="input-group"]/span/text()') == ["≈", "ч"]


def test_conditions_on_form_inputs_are_marked_and_not_natively_required(sink):
    _, tree = page(sink, data={})
    (block,) = tree.xpath('//*[@data-field="other_service"]')
    assert block.get("data-condition") == '=not(list contains(services, "other"))'
    assert block.get("data-condition-hides") == "true"  # for an optional script; shown without one
    _, tree = page(sink, data={"services": ["other"]})
    assert tree.xpath('//*[@data-field="other_service"]')[0].get("data-condition-hides") == "false"
    assert by_name(tree, "other_service")[0].get("required") is None


def test_conditions_read_an_inputs_default_until_it_has_a_value():
    definition = forms.load("retention_checkpoint")
    _, tree = page(definition, data={}, context={})
    assert tree.xpath('//*[@data-field="left_reason"]')[0].get("data-condition-hides") == "true"
    _, tree = page(definition, data={"still_employed": False}, context={})
    assert tree.xpath('//*[@data-field="left_reason"]')[0].get("data-condition-hides") == "false"


def test_conditions_on_task_data_alone_are_settled_on_the_server(sink):
    _, tree = page(sink, data={})
    assert not by_name(tree, "curator_note")
    _, tree = page(sink, data={}, context={"risk_level": "high"})
    assert by_name(tree, "curator_note")


def test_readonly_page_disables_every_input(sink):
    _, tree = page(sink, data={"name": "Анна"}, readonly=True)
    controls = tree.xpath("//input | //select | //textarea")
    assert all(control.get("disabled") == "disabled" for control in controls)


def test_text_that_does_not_parse_is_shown_as_typed(sink):
    _, tree = page(sink, data={"hours": "четыре", "start_date": "1 сентября"})
    assert by_name(tree, "hours")[0].get("type") == "text"
    assert by_name(tree, "hours")[0].get("value") == "четыре"
    assert by_name(tree, "start_date")[0].get("type") == "text"


def test_errors_without_a_field_are_shown_on_top(sink):
    _, tree = page(sink, data={}, errors={"_form": ["Задача уже выполнена."], "csrf_token": ["Такого поля нет."]})
    alert = tree.xpath('//div[@role="alert"]')[0].text_content()
    assert "Задача уже выполнена." in alert and "csrf_token: Такого поля нет." in alert


def test_no_form_element_and_no_csrf_token(sink):
    html, tree = page(sink, data={})
    assert not tree.xpath("//form") and "csrf" not in html


def test_static_text_becomes_paragraphs(sink):
    _, tree = page(sink, data={})
    assert tree.xpath('//div[@id="field-Text_intro"]/p/text()') == ["Первый абзац.", "Второй абзац."]


SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def hostile(write_form):
    path = write_form([
        {"id": "t", "type": "text", "text": SCRIPT},
        {"id": "g", "type": "group", "label": SCRIPT, "components": [
            {"id": "a", "type": "textfield", "key": "name", "label": SCRIPT, "description": SCRIPT,
             "appearance": {"prefixAdorner": SCRIPT},
             "conditional": {"hide": '=other = "\\"><script>alert(1)</script>"'}},
            {"id": "b", "type": "select", "key": "pick", "label": "Выбор",
             "values": [{"label": SCRIPT, "value": '"><script>x</script>'}]},
            {"id": "c", "type": "textarea", "key": "notes", "label": "Заметки"},
            {"id": "d", "type": "textfield", "key": "other", "label": "Другое"},
        ]},
    ])
    return forms.load_file(path)


def test_everything_is_escaped(hostile):
    data = {"name": SCRIPT, "notes": "</textarea>" + SCRIPT, "pick": '"><script>x</script>'}
    errors = {"name": [SCRIPT], "_form": [SCRIPT], SCRIPT: ["x"]}
    html, tree = page(hostile, data=data, errors=errors)
    assert "<script" not in html
    assert not tree.xpath("//script")
    assert by_name(tree, "name")[0].get("value") == SCRIPT
    assert by_name(tree, "notes")[0].text == "</textarea>" + SCRIPT
    assert tree.xpath("//option[@selected]")[0].get("value") == '"><script>x</script>'


def test_english_texts_come_from_custom_properties(write_form):
    path = write_form([
        {"id": "t", "type": "text", "text": "Русский текст", "properties": {"text_en": "English text"}},
        {"id": "a", "type": "radio", "key": "level", "label": "Уровень", "description": "Подсказка",
         "values": [{"label": "Высокий", "value": "high"}, {"label": "Низкий", "value": "low"}],
         "properties": {"label_en": "Level", "description_en": "Hint", "option_en.high": "High",
                        "analyst_note": "other custom properties are allowed"}},
    ])
    definition = forms.load_file(path)
    _, english = page(definition, data={}, locale="en")
    assert english.xpath("//legend")[0].text_content().startswith("Level")
    assert english.xpath('//*[@class="form-text"]')[0].text == "Hint"
    assert english.xpath("//p")[0].text == "English text"
    assert [label.text for label in english.xpath('//label[@class="form-check-label"]')] == ["High", "Низкий"]
    _, russian = page(definition, data={}, locale="ru")
    assert russian.xpath("//legend")[0].text_content().startswith("Уровень")
