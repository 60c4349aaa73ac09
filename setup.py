"""Build hook: ship the top-level templates/ (their source, reviewed as text) inside the package.

Everything else about the build is in pyproject.toml. A wheel (`pip install .`) gets the templates as
zsht/templates/**/*.j2 (subfolders kept: templates/site/), where zsht finds them; an editable install reads
templates/ in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTemplates(build_py):
    """Copy templates/**/*.j2 into zsht/templates/ of the build, where importlib.resources finds them."""

    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "templates"
        target = Path(self.build_lib) / "zsht" / "templates"
        for template in sorted(source.rglob("*.j2")):
            copy = target / template.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template, copy)


setup(cmdclass={"build_py": BuildPyWithTemplates})
