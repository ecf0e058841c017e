"""Accounts: users, their roles, sign-in, access tokens and login throttling."""
