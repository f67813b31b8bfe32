"""The course's vocabulary is declared once, in helpers.vocabulary."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import schemas, vocabulary
from helpers.paths import PACKAGE_DIR

#: Every public constant of the vocabulary: name -> value.
CONSTANTS = {name: value for name, value in vars(vocabulary).items() if name.isupper()}
#: Re-declarations still waiting for their module's owner to import them from helpers.vocabulary instead
#: (module path, line text). Empty this list as they are switched; nothing may be added to it.
PENDING: set[tuple[str, str]] = set()


def _literal(node: ast.AST) -> object:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(value, (tuple, list, set, frozenset)):
        return None
    try:
        return frozenset(value)
    except TypeError:  # holds lists or dicts: not a word list
        return None


def redeclarations(root: Path = PACKAGE_DIR) -> set[tuple[str, str]]:
    """(module, vocabulary name) for every module that assigns a vocabulary name or writes one of its word lists."""
    lists = {name: frozenset(v) for name, v in CONSTANTS.items() if isinstance(v, (tuple, frozenset))}
    found: set[tuple[str, str]] = set()
    for path in sorted(root.rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        where = path.relative_to(root.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            found |= {(where, t.id) for t in targets if isinstance(t, ast.Name) and t.id in CONSTANTS}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
                value = _literal(node)
                found |= {(where, name) for name, words in lists.items() if value == words}
    return found


def test_nothing_re_declares_the_vocabulary() -> None:
    found = redeclarations()
    assert found <= PENDING, f"import these from helpers.vocabulary instead: {sorted(found - PENDING)}"
    assert not PENDING - found, f"switched already; remove from PENDING: {sorted(PENDING - found)}"


def test_the_finder_sees_a_copy(tmp_path: Path) -> None:
    package = tmp_path / "helpers"
    package.mkdir()
    (package / "copy.py").write_text('VERDICTS = 1\n\ndef f(g):\n    return g in {"a", "b", "c"}\n')
    assert redeclarations(package) == {("helpers/copy.py", "VERDICTS"), ("helpers/copy.py", "CLAIM_CHECK_OPTIONS")}


def test_schemas_take_their_allowed_words_from_the_vocabulary() -> None:
    assert schemas.CLAIMS.column("verdict").allowed == vocabulary.VERDICTS
    assert schemas.CLAIMS.column("concept").allowed == frozenset(vocabulary.IHC_CONCEPTS)
    assert schemas.SYMPTOMS.column("group").allowed == frozenset(vocabulary.SYMPTOM_GROUPS)
    assert schemas.NERVE_ROOTS.column("pain_regions").allowed == vocabulary.LEG_REGIONS
    assert schemas.TRAJECTORY_CLASSES.column("id").allowed == frozenset(vocabulary.TRAJECTORY_CLASS_IDS)
    assert schemas.CLAIM_CHECK.column("answer").allowed == frozenset(vocabulary.CLAIM_CHECK_OPTIONS)
    assert vocabulary.EMERGENCY_CARE in vocabulary.EMERGENCY_SENTENCE
