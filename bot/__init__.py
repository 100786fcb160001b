"""临时救助 intake assistant: the framework-free core and its adapters."""
