package oss.compiler.ast;

/** A top-level item of a scenario, in source order. */
public sealed interface Section extends Node
        permits SettingsBlock, Declaration, FileDeclNode, ProcessNode, BankerNode, ExpectNode {}
