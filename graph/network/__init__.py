"""The city network: projections onto NetworkX, analytics and network exports."""
