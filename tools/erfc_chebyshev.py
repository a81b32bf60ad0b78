"""Prints the Chebyshev coefficients behind chainlite's erfc (used by F.gelu).

For z >= 0, erfc(z) = t * exp(-z**2 + P(t)) with t = 2 / (2 + z) in (0, 1],
where P is smooth on [0, 1]. P is interpolated at N Chebyshev nodes of
s = 2t - 1, in 40-digit arithmetic (needs mpmath):

    python tools/erfc_chebyshev.py [N]
"""
import sys

import mpmath


def coefficients(n):
    mpmath.mp.dps = 40

    def p(s):
        t = (s + 1) / 2
        if t == 0:  # the limit z -> inf: erfc(z) ~ exp(-z**2) / (z sqrt(pi))
            return -mpmath.log(2 * mpmath.sqrt(mpmath.pi))
        z = 2 / t - 2
        return mpmath.log(mpmath.erfc(z) / t) + z * z

    nodes = [mpmath.cos(mpmath.pi * (j + mpmath.mpf(1) / 2) / n) for j in range(n)]
    values = [p(s) for s in nodes]
    coef = [2 * mpmath.fsum(v * mpmath.cos(mpmath.pi * i * (j + mpmath.mpf(1) / 2) / n)
                            for j, v in enumerate(values)) / n for i in range(n)]
    coef[0] /= 2
    return [float(c) for c in coef]


if __name__ == '__main__':
    for c in coefficients(int(sys.argv[1]) if len(sys.argv) > 1 else 26):
        print('    %r,' % c)
