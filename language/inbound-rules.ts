/**
 * The setup-wide rules of inbound calls: who answers a call to a shared number. Shared
 * Calling users receive direct inbound calls only through an auto attendant or call queue on
 * the resource account (setup step 3 [SC-SETUP]); outbound works without one, so a shared
 * number with no inbound path is a warning.
 */
import type { Answer, AutoAttendant, ResourceAccount } from './generated/ast.js';
import { isAnswer, isAutoAttendant } from './generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import type { SetupContext } from './setup-context.js';
import type { SetupFinding } from './setup-findings.js';
import { conflicts, placeOf, RuleSet } from './setup-findings.js';

type Inbound = AutoAttendant | Answer;

export function inboundFindings(context: SetupContext): SetupFinding[] {
    return new InboundRules(context).run();
}

/** What the resource account is made for: its application id [NEW-APPINST]; auto attendant when not said. */
const accountKind = (account: ResourceAccount): string => account.kind ?? 'auto-attendant';

class InboundRules extends RuleSet {
    private readonly inbound: Inbound[];

    constructor(private readonly context: SetupContext) {
        super();
        this.inbound = context.statements.filter((s): s is Inbound => isAutoAttendant(s) || isAnswer(s));
    }

    run(): SetupFinding[] {
        this.sharedWithoutInbound();
        this.oneConfigurationPerAccount();
        this.kinds();
        this.directories();
        return this.findings;
    }

    /** A policy granted to a group shares its account's number: someone should answer it. */
    private sharedWithoutInbound(): void {
        const answered = new Set(this.inbound.map(i => i.account?.ref).filter(a => a !== undefined));
        const granted = new Set(this.context.grants.map(g => g.policy?.ref).filter(p => p !== undefined));
        for (const policy of this.context.policies) {
            const account = policy.account?.ref;
            if (!account || !granted.has(policy) || answered.has(account)) continue;
            this.report(IssueCodes.SharedNumberWithoutInbound,
                `Nobody answers a call to '${account.name}', the number this policy shares: Shared Calling users receive direct inbound calls only through an ` +
                `auto attendant or call queue. Add 'auto-attendant <name> answers ${account.name} { … }', or 'answer ${account.name} with auto-attendant "<name>"' ` +
                `(or 'with call-queue "<name>"') for one that exists; outbound calls work without it.`,
                { node: policy, property: 'account' });
        }
    }

    /** An account is associated with one auto attendant or call queue [ASSOC]. */
    private oneConfigurationPerAccount(): void {
        for (const members of conflicts(this.inbound.filter(i => i.account?.ref), i => i.account.ref)) {
            for (const member of members) {
                const others = members.filter(m => m !== member);
                this.report(IssueCodes.DuplicateInbound,
                    `'${member.account.ref!.name}' is also answered at ${others.map(placeOf).join(', ')}; a resource account is associated with one auto attendant or call queue.`,
                    { node: member, property: 'account' }, undefined, others.map(o => ({ node: o, property: 'account', message: 'also answers it' })));
            }
        }
        const attendants = this.inbound.filter(isAutoAttendant);
        for (const members of conflicts(attendants, a => (a.displayName ?? a.name)?.toLowerCase())) {
            for (const member of members) {
                const others = members.filter(m => m !== member);
                this.report(IssueCodes.DuplicateName,
                    `An auto attendant named "${member.displayName ?? member.name}" is also declared at ${others.map(placeOf).join(', ')}; Teams finds auto attendants by name: give each its own.`,
                    { node: member, property: member.displayName !== undefined ? 'displayName' : 'name' }, undefined,
                    others.map(o => ({ node: o, message: 'the same name' })));
            }
        }
    }

    /** The account's application id must be the auto attendant's or the call queue's [NEW-APPINST, ASSOC]. */
    private kinds(): void {
        for (const statement of this.inbound) {
            const account = statement.account?.ref;
            if (!account) continue;
            const wanted = isAnswer(statement) && statement.configurationType === 'call-queue' ? 'call-queue' : 'auto-attendant';
            if (accountKind(account) !== wanted) {
                this.report(IssueCodes.InboundKindMismatch,
                    `'${account.name}' is a resource account of kind ${accountKind(account)}, but ${wanted === 'call-queue' ? 'a call queue' : 'an auto attendant'} is to answer it; ` +
                    `set 'kind ${wanted}' on the account (its application id must match the configuration).`,
                    { node: statement, property: 'account' });
            }
            if (isAutoAttendant(statement) && statement.operatorAccount?.ref === account) {
                this.report(IssueCodes.InboundKindMismatch,
                    `The operator of an auto attendant cannot be the resource account it answers; name a call queue's resource account or a number.`,
                    { node: statement, property: 'operatorAccount' });
            }
        }
    }

    /**
     * The dial scope is the groups granted the policies that share the account, wherever the
     * setup grants them; empty, callers could reach nobody (New-CsAutoAttendantDialScope needs
     * -GroupIds [AA-DIALSCOPE]).
     */
    private directories(): void {
        for (const attendant of this.inbound.filter(isAutoAttendant)) {
            const account = attendant.account?.ref;
            if (!account) continue;
            const grants = this.context.grants.filter(g => g.policy?.ref?.account?.ref === account);
            if (grants.length === 0) {
                this.report(IssueCodes.AutoAttendantWithoutDirectory,
                    `No group is granted a shared calling policy that uses '${account.name}', so this auto attendant's directory (dial scope) would be empty; ` +
                    `grant such a policy to a group first.`,
                    { node: attendant, property: 'account' });
                continue;
            }
        }
    }
}
