/**
 * Files and the VFS (Linux's fs/): super_block, inode, dentry, file, the descriptor table, the
 * page cache behind read and write. Empty for now: file-backed mappings live in {@code mm}.
 * Issue #15 builds the subsystem here, its system calls beside its objects and reached through
 * the kernel's {@code SyscallTable}.
 */
package oss.runtime.kernel.fs;
