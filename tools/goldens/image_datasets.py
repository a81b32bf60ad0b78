"""Golden file for chainlite's image datasets, written by real Chainer 7.8.1.

Run inside the reference venv (via tools/make_goldens.py) with the output path
tests/data/image_datasets.npz as argument. It builds small images from
numpy.random.RandomState(0) (modes L, RGB, RGBA, LA, P, I;16 and 1), saves them as PNG
files and zip archives in a temporary directory, and records what Chainer's
ImageDataset, LabeledImageDataset, ZippedImageDataset, LabeledZippedImageDataset and
MultiZippedImageDataset return (arrays, dtypes, labels, lengths) and which errors they
raise (``error/<case>``: 'TypeName: message', the directory written as <root>).
tests/test_datasets_image.py imports make_arrays, make_files and error_cases from here
(so nothing at import time needs Chainer or Pillow), rebuilds the same files and compares.
"""
import os
import pickle
import subprocess
import sys
import tempfile
import warnings
import zipfile

import numpy

NAMES = ['l', 'rgb', 'rgba', 'la', 'p', 'i16', 'bw']


def make_arrays():
    """The pixel values of the test images (the test has the same function)."""
    rs = numpy.random.RandomState(0)
    return {
        'l': rs.randint(0, 256, (3, 4)).astype(numpy.uint8),
        'rgb': rs.randint(0, 256, (3, 4, 3)).astype(numpy.uint8),
        'rgba': rs.randint(0, 256, (3, 4, 4)).astype(numpy.uint8),
        'la': rs.randint(0, 256, (3, 4, 2)).astype(numpy.uint8),
        'p': rs.randint(0, 4, (3, 4)).astype(numpy.uint8),
        'palette': rs.randint(0, 256, 12).astype(numpy.uint8),
        'i16': rs.randint(0, 65536, (3, 4)).astype(numpy.uint16),
        'bw': rs.randint(0, 2, (3, 4)).astype(bool),
    }


def make_files(root, arrays):
    """Writes <name>.png for NAMES, sub/rgb.png, the list/pairs files and the zips."""
    from PIL import Image
    for name in NAMES:
        if name == 'p':
            image = Image.frombytes('P', (4, 3), arrays['p'].tobytes())
            image.putpalette(arrays['palette'].tolist())
        else:
            image = Image.fromarray(arrays[name])
        image.save(os.path.join(root, name + '.png'))
    os.makedirs(os.path.join(root, 'sub'), exist_ok=True)
    Image.fromarray(arrays['rgb']).save(os.path.join(root, 'sub', 'rgb.png'))
    texts = {
        'list.txt': 'l.png\n  rgb.png \t\n\nsub/rgb.png\n',
        'pairs.txt': 'l.png 3\n  rgb.png\t -5  \np.png 007\nsub/rgb.png +2',
        'pairs_1field.txt': 'l.png 3\nrgb.png\n',
        'pairs_3fields.txt': 'l.png 1 2\n',
        'pairs_empty_line.txt': 'l.png 3\n\nrgb.png 1\n',
        'pairs_float.txt': 'l.png 3.5\n',
        'zlabels.txt': 'p.png 2\n  sub/l.png\t7 \nrgb.png -1\n',
        'zlabels_1field.txt': 'p.png 2\nrgb.png\n',
        'zlabels_missing.txt': 'p.png 2\nmissing.png 1\n',
        'not_image.txt': 'hello\n',
    }
    for name, text in texts.items():
        with open(os.path.join(root, name), 'w') as f:
            f.write(text)
    with zipfile.ZipFile(os.path.join(root, 'a.zip'), 'w') as zf:
        zf.write(os.path.join(root, 'rgb.png'), 'rgb.png')
        zf.writestr('sub/', b'')
        zf.write(os.path.join(root, 'l.png'), 'sub/l.png')
        zf.write(os.path.join(root, 'p.png'), 'p.png')
        zf.write(os.path.join(root, 'i16.png'), 'i16.png')
        zf.writestr('notes.txt', b'not an image')
    with zipfile.ZipFile(os.path.join(root, 'b.zip'), 'w') as zf:
        zf.write(os.path.join(root, 'la.png'), 'la.png')
        zf.write(os.path.join(root, 'bw.png'), 'bw.png')
    with zipfile.ZipFile(os.path.join(root, 'empty.zip'), 'w'):
        pass


def error_cases(D, root):
    """{case: callable that raises} (the test has the same cases)."""
    j = lambda *p: os.path.join(root, *p)  # NOQA: E731
    return {
        'missing_image': lambda: D.ImageDataset(['missing.png'], root=root)[0],
        'missing_list': lambda: D.ImageDataset(j('missing.txt'), root=root),
        'empty_line_path': lambda: D.ImageDataset(j('list.txt'), root=root)[2],
        'not_image': lambda: D.ImageDataset(['not_image.txt'], root=root)[0],
        'image_index': lambda: D.ImageDataset(['l.png'], root=root)[1],
        'pairs_1field': lambda: D.LabeledImageDataset(j('pairs_1field.txt'), root=root),
        'pairs_3fields': lambda: D.LabeledImageDataset(j('pairs_3fields.txt'), root=root),
        'pairs_empty_line': lambda: D.LabeledImageDataset(j('pairs_empty_line.txt')),
        'pairs_float': lambda: D.LabeledImageDataset(j('pairs_float.txt'), root=root),
        'pairs_missing': lambda: D.LabeledImageDataset(j('missing.txt'), root=root),
        'pairs_missing_image': lambda: D.LabeledImageDataset([('missing.png', 1)], root)[0],
        'pairs_index': lambda: D.LabeledImageDataset([('l.png', 1)], root=root)[1],
        'pairs_tuple_3': lambda: D.LabeledImageDataset([('l.png', 1, 2)], root=root)[0],
        'pairs_tuple_1': lambda: D.LabeledImageDataset([('l.png',)], root=root)[0],
        'zip_missing': lambda: D.ZippedImageDataset(j('missing.zip')),
        'zip_not_zip': lambda: D.ZippedImageDataset(j('l.png')),
        'zip_member': lambda: D.ZippedImageDataset(j('a.zip'))['missing.png'],
        'zip_index': lambda: D.ZippedImageDataset(j('a.zip'))[5],
        'zlabels_1field': lambda: D.LabeledZippedImageDataset(j('a.zip'),
                                                              j('zlabels_1field.txt')),
        'zlabels_member': lambda: D.LabeledZippedImageDataset(j('a.zip'),
                                                              j('zlabels_missing.txt'))[1],
        'zlabels_missing': lambda: D.LabeledZippedImageDataset(j('a.zip'), j('missing.txt')),
        'zlabels_index': lambda: D.LabeledZippedImageDataset(j('a.zip'),
                                                             j('zlabels.txt'))[3],
        'multi_negative': lambda: D.MultiZippedImageDataset([j('b.zip'), j('a.zip')])[-1],
        'multi_index': lambda: D.MultiZippedImageDataset([j('b.zip'), j('a.zip')])[7],
        'multi_missing': lambda: D.MultiZippedImageDataset([j('b.zip'), j('missing.zip')]),
    }


def record_error(f, root):
    try:
        f()
    except Exception as e:  # record whatever Chainer does
        return '%s: %s' % (type(e).__name__, str(e).replace(root, '<root>'))
    return 'no error'


NO_PILLOW = """
import sys
sys.modules['PIL'] = None
from chainer import datasets as D
try:
    D.ImageDataset(['l.png'])
except ImportError as e:
    print('ImportError at construction')
"""


def main():
    warnings.filterwarnings('ignore')
    import chainer
    from chainer import datasets as D
    out_path = sys.argv[1]
    root = tempfile.mkdtemp()
    arrays = make_arrays()
    make_files(root, arrays)
    out = {}
    for key, value in arrays.items():
        out['src/' + key] = value

    files = [name + '.png' for name in NAMES] + ['sub/rgb.png']
    ds = D.ImageDataset(files, root=root)
    out['image/len'] = numpy.array(len(ds))
    for k, name in enumerate(files):
        out['image/' + name] = ds[k]
    out['image/negative'] = ds[-1]
    out['image/slice_shapes'] = numpy.array([x.shape for x in ds[1:6:2]])
    out['image/list_shapes'] = numpy.array([x.shape for x in ds[[5, 0]]])
    listed = D.ImageDataset(os.path.join(root, 'list.txt'), root=root)
    out['list/len'] = numpy.array(len(listed))
    out['list/0'], out['list/1'], out['list/3'] = listed[0], listed[1], listed[3]
    out['default_root'] = numpy.array(str(D.ImageDataset([os.path.join(root, 'l.png')])[0]
                                          .shape))
    for dtype in ('uint8', 'float64', 'int32', 'float16'):
        d = D.ImageDataset(['rgb.png', 'i16.png', 'bw.png'], root=root, dtype=dtype)
        for k, name in enumerate(['rgb', 'i16', 'bw']):
            out['dtype/%s/%s' % (dtype, name)] = d[k]
    with chainer.using_config('dtype', numpy.float64):
        d = D.ImageDataset(['l.png'], root=root)
    out['config_dtype'] = numpy.array(str(d[0].dtype))

    pairs = D.LabeledImageDataset(os.path.join(root, 'pairs.txt'), root=root)
    out['pairs/len'] = numpy.array(len(pairs))
    for k in range(len(pairs)):
        x, t = pairs[k]
        out['pairs/%d/x' % k], out['pairs/%d/t' % k] = x, t
    listed = D.LabeledImageDataset([('l.png', 3), ('rgb.png', 1.7), ('p.png', '4')], root)
    out['pairs_list/t'] = numpy.stack([t for _, t in listed[:]])
    out['pairs_list/x0'] = listed[0][0]
    x, t = D.LabeledImageDataset([('rgba.png', 3)], root, dtype=numpy.uint8,
                                 label_dtype=numpy.float32)[0]
    out['pairs_dtypes/x'], out['pairs_dtypes/t'] = x, t
    out['pairs_wrap/t'] = D.LabeledImageDataset([('l.png', 300)], root,
                                                label_dtype=numpy.uint8)[0][1]

    zipped = D.ZippedImageDataset(os.path.join(root, 'a.zip'))
    out['zip/len'] = numpy.array(len(zipped))
    for k in range(4):
        out['zip/%d' % k] = zipped[k]
    out['zip/by_name'] = zipped['sub/l.png']
    out['zip/float64'] = D.ZippedImageDataset(os.path.join(root, 'a.zip'), 'float64')[0]
    out['zip/unpickled'] = pickle.loads(pickle.dumps(zipped))[2]
    out['zip/not_image'] = numpy.array(record_error(lambda: zipped[4], root).split(':')[0])

    labeled = D.LabeledZippedImageDataset(os.path.join(root, 'a.zip'),
                                          os.path.join(root, 'zlabels.txt'))
    out['zlabels/len'] = numpy.array(len(labeled))
    for k in range(len(labeled)):
        x, t = labeled[k]
        out['zlabels/%d/x' % k], out['zlabels/%d/t' % k] = x, t
    x, t = D.LabeledZippedImageDataset(os.path.join(root, 'a.zip'),
                                       os.path.join(root, 'zlabels.txt'),
                                       dtype=numpy.uint8, label_dtype=numpy.int64)[1]
    out['zlabels_dtypes/x'], out['zlabels_dtypes/t'] = x, t

    multi = D.MultiZippedImageDataset([os.path.join(root, name)
                                       for name in ('b.zip', 'empty.zip', 'a.zip')])
    out['multi/len'] = numpy.array(len(multi))
    for k in range(6):
        out['multi/%d' % k] = multi[k]
    out['multi/empty_len'] = numpy.array(len(D.MultiZippedImageDataset([])))
    out['multi/float16'] = D.MultiZippedImageDataset([os.path.join(root, 'b.zip')],
                                                     dtype=numpy.float16)[1]

    for case, f in error_cases(D, root).items():
        out['error/' + case] = numpy.array(record_error(f, root))
    result = subprocess.run([sys.executable, '-c', NO_PILLOW], capture_output=True,
                            text=True, check=True)
    out['no_pillow'] = numpy.array(result.stdout.strip())
    numpy.savez_compressed(out_path, **out)


if __name__ == '__main__':
    main()
