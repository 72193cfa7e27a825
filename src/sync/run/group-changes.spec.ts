import { dependsOnGroups } from './group-changes.js';

describe('dependsOnGroups', () => {
  it('tells filters that ask about group membership', () => {
    expect(dependsOnGroups('(memberOf=cn=support,ou=groups,dc=example,dc=com)')).toBe(true);
    expect(dependsOnGroups('(&(title=Agent)(memberof=cn=x,dc=example,dc=com))')).toBe(true);
    expect(dependsOnGroups('(memberOf:1.2.840.113556.1.4.1941:=cn=Support,DC=corp)')).toBe(true);
    expect(dependsOnGroups('(isMemberOf=cn=support,ou=groups,dc=example,dc=com)')).toBe(true);
    expect(dependsOnGroups('(!(memberOf=cn=former,dc=example,dc=com))')).toBe(true);
  });

  it('leaves attribute filters and values that merely mention the word alone', () => {
    expect(dependsOnGroups('(title=Escalation Agent)')).toBe(false);
    expect(dependsOnGroups('(description=memberOf=someone)')).toBe(false);
    expect(dependsOnGroups('(departmentNumber=42)')).toBe(false);
  });
});
