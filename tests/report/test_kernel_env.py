"""The report's kernels start without progress widgets, and the process that renders (a Dask
worker, a notebook, a thread rendering another page) keeps its own environment."""

from __future__ import annotations

import os
import threading

import nbformat
import pytest

from framing.report.render import KERNEL_ENV, execute_notebook, kernel_manager_class


def test_kernel_env_is_given_to_the_kernel_manager_only():
    assert KERNEL_ENV == {"TQDM_DISABLE": "1"}
    from jupyter_client import AsyncKernelManager

    assert issubclass(kernel_manager_class(), AsyncKernelManager)
    assert kernel_manager_class() is kernel_manager_class()  # one class, made once


@pytest.mark.slow
def test_kernel_has_tqdm_disabled_and_the_caller_keeps_its_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import os\nfrom tqdm import tqdm\n"
        "print(os.environ.get('TQDM_DISABLE'), tqdm(range(3)).disable)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    book = tmp_path / "97_env.ipynb"
    nbformat.write(nb, book)
    seen: set[str | None] = set()
    done = threading.Event()

    def watch() -> None:  # what other threads of this process see while the page runs
        while not done.is_set():
            seen.add(os.environ.get("TQDM_DISABLE"))
            done.wait(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        execute_notebook(book, tmp_path / "out.ipynb", {})
    finally:
        done.set()
        watcher.join()
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[-1].outputs[0].text
    assert out.split() == ["1", "True"]  # the kernel: variable set, bars disabled
    assert seen == {None}  # this process: never set, not even for a moment
    assert "TQDM_DISABLE" not in os.environ
