"""The stores behind one protocol, the guard in front of them, and opening them."""
