/**
 * Files (Linux's fs/): the descriptor table ({@link oss.runtime.kernel.fs.FdTable}, files_struct),
 * open files ({@link oss.runtime.kernel.fs.OpenFile}, struct file) and pipes and FIFOs
 * ({@link oss.runtime.kernel.fs.Pipe}, pipe_inode_info), with their system calls beside them
 * ({@link oss.runtime.kernel.fs.FdCalls}, {@link oss.runtime.kernel.fs.PipeCalls}), reached through
 * the kernel's {@code SyscallTable}. Issue #15 builds the VFS and regular files here, on the same
 * descriptor table; file-backed mappings live in {@code mm} for now.
 */
package oss.runtime.kernel.fs;
