"""Personal data: the one detector, masking, and revealing full values to permitted accounts."""
