package dev.hermesharden.steps;

import dev.hermesharden.checks.Params;

/** A check named by a step file: its stable id, its title key, and its parameters. */
public record CheckRef(String id, String titleKey, Params params) {}
