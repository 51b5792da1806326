/**
 * How many AST nodes a walk (linking, validation) handles between two looks at cancellation:
 * a few hundred take well under a millisecond, and awaiting at every node cost a third of
 * validation at 40,000 statements.
 */
export const NODES_BETWEEN_INTERRUPTS = 256;
