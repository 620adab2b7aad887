// Answers about a part of the tree that fixes and checks ask for again and again (the spelling a table uses, the names
// of a list). A parse makes new nodes, so an answer kept by node never goes stale; `jxmb check --format json` asks for
// the fixes of every finding, and computing such an answer again for each made a file of n findings take n² steps.

/** `compute`, computed once per node. */
export function perNode<N extends object, T>(compute: (node: N) => T): (node: N) => T {
    const answers = new WeakMap<N, { value: T }>();
    return node => {
        let answer = answers.get(node);
        if (!answer) answers.set(node, answer = { value: compute(node) });
        return answer.value;
    };
}
