"""A youth's route across the processes of the map."""
