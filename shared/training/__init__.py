"""Training and calibration of map models on frozen encoder features."""
