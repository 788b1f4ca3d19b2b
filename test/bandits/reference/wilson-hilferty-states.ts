/**
 * Probabilities that each arm has the largest draw, exact and for the Wilson–Hilferty approximation,
 * by numerical integration in test/bandits/reference/wilson_hilferty_argmax.py (run by hand, scipy).
 */
export const WILSON_HILFERTY_STATES: {
  name: string
  alpha: number[]
  beta: number[]
  exact: number[]
  approx: number[]
  tv: number
}[] = [
  {
    name: "two arms Beta(1,1) vs Beta(2,1)",
    alpha: [1, 2],
    beta: [1, 1],
    exact: [0.33333, 0.66666],
    approx: [0.29897, 0.70103],
    tv: 0.0344,
  },
  {
    name: "five arms, 20-odd showings",
    alpha: [3, 5, 2, 4, 1],
    beta: [19, 15, 20, 16, 22],
    exact: [0.09123, 0.57876, 0.0278, 0.29839, 0.00382],
    approx: [0.09076, 0.58148, 0.02841, 0.29508, 0.00428],
    tv: 0.0038,
  },
  {
    name: "one click on one arm of ten, prior Beta(1,9)",
    alpha: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    beta: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
    exact: [0.27122, 0.08098, 0.08098, 0.08098, 0.08098, 0.08098, 0.08098, 0.08098, 0.08098, 0.08098],
    approx: [0.27347, 0.08073, 0.08073, 0.08073, 0.08073, 0.08073, 0.08073, 0.08073, 0.08073, 0.08073],
    tv: 0.0022,
  },
  {
    name: "a low-rate arm with many showings",
    alpha: [3, 1, 1, 1, 1, 1],
    beta: [109, 9, 9, 9, 9, 9],
    exact: [0.00224, 0.19955, 0.19955, 0.19955, 0.19955, 0.19955],
    approx: [0.00186, 0.19963, 0.19963, 0.19963, 0.19963, 0.19963],
    tv: 0.0004,
  },
  {
    name: "large counts",
    alpha: [30, 20, 8, 50],
    beta: [100, 70, 30, 160],
    exact: [0.25317, 0.21399, 0.22644, 0.3064],
    approx: [0.25462, 0.2138, 0.22055, 0.31103],
    tv: 0.0061,
  },
  {
    name: "prior Beta(0.5, 4.5), shapes below 1",
    alpha: [1.5, 0.5, 2.5, 0.5, 0.5, 0.5],
    beta: [4.5, 7.5, 5.5, 4.5, 4.5, 4.5],
    exact: [0.30022, 0.02043, 0.48962, 0.06324, 0.06324, 0.06324],
    approx: [0.29629, 0.02032, 0.50667, 0.0589, 0.0589, 0.0589],
    tv: 0.0171,
  },
]
