from forms.__main__ import main


def test_all_definitions_pass(capsys):
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 19 and all(line.startswith("ok ") for line in lines)


def test_broken_file_is_reported_with_its_problems(write_form, capsys):
    good = write_form([{"id": "a", "type": "textfield", "key": "name", "label": "Имя"}], name="good")
    bad = write_form([{"id": "b", "type": "image"}], name="bad")
    assert main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"ok   {good} (1 inputs)" in out
    assert f"FAIL {bad}" in out and "unknown type 'image'" in out
