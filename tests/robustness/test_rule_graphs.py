"""Rules the user wrote cannot blow the stack or the clock: long chains, long cycles and wide
diamonds of combined signals, and keys or headers nested hundreds of parts deep, are validated
and evaluated once per signal (pytest-timeout bounds each test: the old recursive walk took
minutes on the diamond, and overflowed the stack on the chain and the cycle)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.watchlist import model as watchlist
from capexwatch.core.watchlist.rules import cycles
from capexwatch.tui.cli import main

BASE = """
[company.BABA]
name = "Alibaba"
currency = "CNY"
fiscal_year_end_month = 3

[[signal]]
id = "s0"
title = "capex up"
company = "BABA"
metric = "capex"
op = ">"
threshold = 0
"""


def _combined(sid: str, refs: list[str], how: str = "all") -> str:
    return f'\n[[signal]]\nid = "{sid}"\ntitle = "{sid}"\n{how} = {json.dumps(refs)}\n'


def _chain(length: int) -> str:
    return BASE + "".join(_combined(f"s{i}", [f"s{i - 1}"]) for i in range(1, length + 1))


def _cycle(length: int) -> str:
    parts = [_combined(f"c{i}", [f"c{(i + 1) % length}"], "any") for i in range(length)]
    return BASE + "".join(parts)


def _diamond(layers: int) -> str:
    # Two signals per layer, each combining both of the layer below: 2**layers paths to s0.
    text = BASE + _combined("a1", ["s0"]) + _combined("b1", ["s0"])
    for layer in range(2, layers + 1):
        below = [f"a{layer - 1}", f"b{layer - 1}"]
        text += _combined(f"a{layer}", below) + _combined(f"b{layer}", below, "any")
    return text


def _check(config_dir: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "watchlist.toml").write_text(text, encoding="utf-8")
    code = main(["check", "--json", "--fail-on", "never"])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("length", [900, 1200, 3000])
def test_a_long_chain_is_validated_and_evaluated(
    config_dir: Path, capsys: pytest.CaptureFixture[str], length: int
) -> None:
    code, out = _check(config_dir, _chain(length), capsys)
    assert code == 0, out[-500:]
    statuses = {s["id"]: s["status"] for s in json.loads(out)["signals"]}
    assert statuses[f"s{length}"] == statuses["s0"]  # all of one part: that part's status


def test_a_long_cycle_is_one_located_error(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(config_dir, _cycle(2000), capsys)
    assert code == 2
    assert "combines itself through c0 → c1 → c2 → … 1995 more … → c1998 → c1999 → c0" in out
    assert f"{config_dir / 'watchlist.toml'}:" in out
    assert out.count("combines itself") == 1


def test_a_wide_diamond_is_validated_once_per_signal(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(config_dir, _diamond(27), capsys)  # 54 combined signals
    assert code == 0, out[-500:]
    assert len(json.loads(out)["signals"]) == 55


def test_cycles_names_each_cycle_once(config_dir: Path) -> None:
    path = config_dir / "watchlist.toml"
    config_dir.mkdir(parents=True)
    path.write_text(
        BASE + _combined("x", ["y"]) + _combined("y", ["x", "s0"]) + _combined("z", ["z"])
    )
    with pytest.raises(ConfigError) as caught:
        watchlist.load(path)
    text = str(caught.value)
    assert "signal 'x' combines itself through x → y → x" in text
    assert "signal 'z' combines itself through z → z" in text
    path.write_text(_diamond(4), encoding="utf-8")
    assert cycles({s.id: s for s in watchlist.load(path).signals}) == []


@pytest.mark.parametrize("where", ["key", "header"])
@pytest.mark.parametrize("kind", ["watchlist", "plan"])
def test_a_key_nested_990_parts_deep_is_no_recursion_error(
    config_dir: Path, capsys: pytest.CaptureFixture[str], where: str, kind: str
) -> None:
    assert main(["config"]) == 0  # the default files
    path = config_dir / f"{kind}.toml"
    deep = "a." * 989 + "b"
    line = f"{deep} = 1\n" if where == "key" else f"[{deep}]\n"
    path.write_text(line + path.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    code = main(["check"])
    out, err = capsys.readouterr()
    assert "RecursionError" not in out + err
    if code == 2:
        assert f"{path}:1:" in err, err
    else:
        assert code in (0, 1)
