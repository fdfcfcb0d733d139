package oss.compiler.ast;

/** A top-level item of a scenario, in source order. */
public sealed interface Section extends Node
        permits SettingsBlock, Declaration, FileDeclNode, ProcessNode, BankerNode, ExpectNode {

    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of section, none with a default: a new kind of top-level item (or a
     * visitor that forgets one: the lowering's phases, the formatter, the outline) fails to compile.
     */
    interface Visitor<R> {
        R visitSettings(SettingsBlock s);
        R visitDeclaration(Declaration s);
        R visitFile(FileDeclNode s);
        R visitProcess(ProcessNode s);
        R visitBanker(BankerNode s);
        R visitExpect(ExpectNode s);
    }
}
