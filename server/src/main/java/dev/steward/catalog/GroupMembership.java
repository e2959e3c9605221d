package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.RefField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may act for a group: its direct members ({@code spec.members}, and users whose
 * {@code spec.memberOf} names it) and, transitively, the members of its child groups (from
 * {@code spec.children} and from children's {@code spec.parent}).
 */
public final class GroupMembership {
    private final Map<EntityRef, List<EntityRef>> eligible;
    private final Map<EntityRef, List<EntityRef>> children;
    private final Map<EntityRef, List<EntityRef>> directMembers;
    private final Map<EntityRef, List<EntityRef>> groupsOfUser;

    private GroupMembership(Map<EntityRef, List<EntityRef>> eligible, Map<EntityRef, List<EntityRef>> children,
                            Map<EntityRef, List<EntityRef>> directMembers, Map<EntityRef, List<EntityRef>> groupsOfUser) {
        this.eligible = eligible;
        this.children = children;
        this.directMembers = directMembers;
        this.groupsOfUser = groupsOfUser;
    }

    public static GroupMembership build(Map<EntityRef, Entity> entities) {
        Map<EntityRef, Set<EntityRef>> members = new HashMap<>();
        Map<EntityRef, Set<EntityRef>> kids = new HashMap<>();
        for (Entity e : entities.values()) {
            if (e.isKind("group")) {
                members.computeIfAbsent(e.ref(), k -> new TreeSet<>());
                kids.computeIfAbsent(e.ref(), k -> new TreeSet<>());
                for (EntityRef user : e.refs(RefField.MEMBERS)) {
                    if (isKind(entities, user, "user")) members.get(e.ref()).add(user);
                }
                for (EntityRef child : e.refs(RefField.CHILDREN)) {
                    if (isKind(entities, child, "group")) kids.get(e.ref()).add(child);
                }
                EntityRef parent = e.refs(RefField.PARENT).isEmpty() ? null : e.refs(RefField.PARENT).get(0);
                if (parent != null && isKind(entities, parent, "group")) {
                    kids.computeIfAbsent(parent, k -> new TreeSet<>()).add(e.ref());
                }
            } else if (e.isKind("user")) {
                for (EntityRef group : e.refs(RefField.MEMBER_OF)) {
                    if (isKind(entities, group, "group")) {
                        members.computeIfAbsent(group, k -> new TreeSet<>()).add(e.ref());
                    }
                }
            }
        }
        Map<EntityRef, List<EntityRef>> eligible = new HashMap<>();
        for (EntityRef group : members.keySet()) {
            Set<EntityRef> all = new TreeSet<>();
            collect(group, members, kids, all, new HashSet<>());
            eligible.put(group, List.copyOf(all));
        }
        Map<EntityRef, Set<EntityRef>> userGroups = new HashMap<>();
        eligible.forEach((group, users) -> users.forEach(
                u -> userGroups.computeIfAbsent(u, k -> new TreeSet<>()).add(group)));
        return new GroupMembership(Map.copyOf(eligible), freeze(kids), freeze(members), freeze(userGroups));
    }

    private static void collect(EntityRef group, Map<EntityRef, Set<EntityRef>> members,
                                Map<EntityRef, Set<EntityRef>> kids, Set<EntityRef> into, Set<EntityRef> visiting) {
        if (!visiting.add(group)) return; // a cycle is reported by validation; here it just ends the walk
        into.addAll(members.getOrDefault(group, Set.of()));
        for (EntityRef child : kids.getOrDefault(group, Set.of())) {
            collect(child, members, kids, into, visiting);
        }
    }

    private static boolean isKind(Map<EntityRef, Entity> entities, EntityRef ref, String kind) {
        Entity e = entities.get(ref);
        return e != null && e.isKind(kind);
    }

    private static Map<EntityRef, List<EntityRef>> freeze(Map<EntityRef, Set<EntityRef>> map) {
        Map<EntityRef, List<EntityRef>> out = new HashMap<>();
        map.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }

    /** The users who may approve for this party: a group's eligible members, or the user itself. */
    public List<EntityRef> eligibleMembers(EntityRef party) {
        if (party.kind().equals("user")) return List.of(party);
        return eligible.getOrDefault(party, List.of());
    }

    public List<EntityRef> childGroups(EntityRef group) {
        return children.getOrDefault(group, List.of());
    }

    public List<EntityRef> directMembers(EntityRef group) {
        return directMembers.getOrDefault(group, List.of());
    }

    /** Every group the user can act for, directly or through a child group. */
    public List<EntityRef> groupsOf(EntityRef user) {
        return groupsOfUser.getOrDefault(user, List.of());
    }

    /**
     * Cycles in the group hierarchy, each as the list of groups around it (first repeated at the end).
     */
    public List<List<EntityRef>> cycles() {
        List<List<EntityRef>> found = new ArrayList<>();
        Map<EntityRef, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (EntityRef group : new TreeSet<>(children.keySet())) {
            dfs(group, state, new ArrayList<>(), found);
        }
        return found;
    }

    private void dfs(EntityRef group, Map<EntityRef, Integer> state, List<EntityRef> stack,
                     List<List<EntityRef>> found) {
        Integer s = state.get(group);
        if (s != null) {
            if (s == 1) {
                List<EntityRef> cycle = new ArrayList<>(stack.subList(stack.indexOf(group), stack.size()));
                cycle.add(group);
                found.add(cycle);
            }
            return;
        }
        state.put(group, 1);
        stack.add(group);
        for (EntityRef child : new LinkedHashSet<>(children.getOrDefault(group, List.of()))) {
            dfs(child, state, stack, found);
        }
        stack.remove(stack.size() - 1);
        state.put(group, 2);
    }
}
