package dev.hermesharden.fixes;

/** One thing a plan will do, shown to the admin before anything happens. */
public sealed interface PlannedAction permits RunCommand, WriteFile {}
