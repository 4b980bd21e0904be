package dev.hermesharden.system.sudoers;

/** One file sudo reads, with what {@link SudoersParser} made of it. */
public record SudoersFile(String path, Sudoers content) {}
