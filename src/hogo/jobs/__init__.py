"""Periodic jobs (retention sweeps, deadlines, yearly checks): each calls services, one transaction per unit."""
