package dev.steward.git;

import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits one file on a new branch without a checkout: the tree is built in memory from the base
 * commit's, so the working tree, the index and HEAD of a repository someone is working in are never
 * touched, and the commit can be pushed or opened as a pull request as it is.
 */
public final class BranchCommit {
    private BranchCommit() {
    }

    /** The branch to create exists already: it is someone's work, so it is never moved. */
    public static final class BranchExists extends IOException {
        BranchExists(String branch, ObjectId at) {
            super("branch '" + branch + "' already exists" + (at == null ? "" : " (at " + at.abbreviate(7).name() + ")")
                    + "; choose another name or delete it first");
        }
    }

    /** {@code refs/heads/BRANCH}, or an IllegalArgumentException naming a branch Git would refuse. */
    public static String refName(String branch) {
        String ref = Constants.R_HEADS + branch;
        if (branch == null || branch.isEmpty() || !Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid Git branch name");
        }
        return ref;
    }

    /** Throws {@link BranchExists} when {@code branch} exists, so a caller can refuse before any work. */
    public static void requireNew(Repository repo, String branch) throws IOException {
        var existing = repo.exactRef(refName(branch));
        if (existing != null) throw new BranchExists(branch, existing.getObjectId());
    }

    /**
     * Who commits: user.name and user.email from the repository's Git config (its own, then the
     * user's global one), else steward. Read as plain settings because JGit's own default would be
     * the operating-system account, which says nothing to a reviewer.
     */
    public static PersonIdent identity(Repository repo) {
        var config = repo.getConfig();
        String name = config.getString("user", null, "name");
        String email = config.getString("user", null, "email");
        return new PersonIdent(name == null || name.isBlank() ? "steward" : name,
                email == null || email.isBlank() ? "steward@localhost" : email);
    }

    /**
     * Creates {@code refs/heads/BRANCH} at a new commit whose parent is {@code base} and whose tree is
     * base's with {@code path} (slash-separated, from the repository root) holding {@code content},
     * replacing a file already there. Returns the new commit's id.
     */
    public static ObjectId create(Repository repo, ObjectId base, String branch, String path, byte[] content,
                                  String message, PersonIdent who) throws IOException {
        String ref = refName(branch);
        requireNew(repo, branch);
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            RevCommit parent = walk.parseCommit(base);
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            ObjectId tree = treeWith(repo, parent, path, blob).writeTree(inserter);

            CommitBuilder commit = new CommitBuilder();
            commit.setParentId(parent);
            commit.setTreeId(tree);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();

            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(id);
            // Zero as the expected old id: the update only creates, so a branch made meanwhile by
            // someone else is reported, never overwritten (the objects above are then left for gc).
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setRefLogIdent(who);
            update.setRefLogMessage("steward: " + firstLine(message), false);
            RefUpdate.Result result = update.update(walk);
            switch (result) {
                case NEW:
                    return id;
                case LOCK_FAILURE:
                    var now = repo.exactRef(ref);
                    if (now != null) throw new BranchExists(branch, now.getObjectId());
                    throw new IOException("cannot create branch '" + branch + "': its ref is locked");
                default:
                    throw new IOException("cannot create branch '" + branch + "': " + result);
            }
        }
    }

    /**
     * Base's tree as an index held in memory, with {@code path} set to {@code blob}. A path that
     * would turn a file of base into a folder (or a folder into a file) is refused rather than
     * silently deleting what is there.
     */
    private static DirCache treeWith(Repository repo, RevCommit base, String path, ObjectId blob) throws IOException {
        DirCacheEntry added = new DirCacheEntry(path); // an IllegalArgumentException for a path Git refuses
        added.setFileMode(FileMode.REGULAR_FILE);
        added.setObjectId(blob);

        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (TreeWalk tree = new TreeWalk(repo)) {
            CanonicalTreeParser parser = new CanonicalTreeParser();
            parser.reset(tree.getObjectReader(), base.getTree());
            tree.addTree(parser);
            tree.setRecursive(true);
            while (tree.next()) {
                String existing = tree.getPathString();
                if (existing.equals(path)) continue; // replaced by the new content
                if (existing.startsWith(path + "/") || path.startsWith(existing + "/")) {
                    throw new IOException("cannot write " + path + ": " + existing + " is in the way in commit "
                            + base.abbreviate(7).name());
                }
                DirCacheEntry entry = new DirCacheEntry(tree.getRawPath());
                entry.setFileMode(tree.getFileMode(0));
                entry.setObjectId(tree.getObjectId(0));
                builder.add(entry);
            }
        }
        builder.add(added); // out of order is fine: finish() sorts
        builder.finish();
        return index;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
