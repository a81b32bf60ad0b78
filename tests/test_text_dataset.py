"""datasets.TextDataset (behaviour checked against Chainer 7.8.1)."""
import pytest

from chainlite.datasets import TextDataset


@pytest.fixture
def files(tmp_path):
    a, b = tmp_path / 'a.txt', tmp_path / 'b.txt'
    a.write_bytes('a b\nc d\n\u00e9\n'.encode('utf-8'))
    b.write_text('1\n2\n3\n')
    return str(a), str(b)


def test_single_file(files):
    d = TextDataset(files[0], encoding='utf-8')
    assert len(d) == 3 and d[0] == 'a b\n' and d[2] == '\u00e9\n'
    assert d[1:] == ['c d\n', '\u00e9\n']
    assert TextDataset(files[0], encoding='latin-1')[2] == '\u00c3\u00a9\n'


def test_several_files_and_filter(files):
    d = TextDataset(list(files), encoding='utf-8')
    assert d[0] == ('a b\n', '1\n') and d[2] == ('\u00e9\n', '3\n')
    d = TextDataset(list(files), encoding='utf-8', filter_func=lambda a, b: b.strip() != '2')
    assert [d[i] for i in range(len(d))] == [('a b\n', '1\n'), ('\u00e9\n', '3\n')]
    d = TextDataset(files[0], encoding='utf-8', filter_func=lambda line: line.startswith('c'))
    assert len(d) == 1 and d[0] == 'c d\n'


def test_errors(files, tmp_path):
    short = tmp_path / 'short.txt'
    short.write_text('x\n')
    with pytest.raises(ValueError, match='number of lines in files does not match'):
        TextDataset([files[0], str(short)])
    with pytest.raises(FileNotFoundError):
        TextDataset(str(tmp_path / 'missing.txt'))
