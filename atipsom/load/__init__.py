"""Reading contributors' files (statutes/, docs/guidance/, annotations, reference material) into domain
values; every problem becomes an InputError naming the file, the line and what to fix."""
