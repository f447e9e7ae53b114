"""What the interface says about the domain, in the user's language."""
