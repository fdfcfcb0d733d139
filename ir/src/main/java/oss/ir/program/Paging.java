package oss.ir.program;

/**
 * The MMU's page-table format: {@code x86_64} walks four levels of 9 index
 * bits over 4 KiB pages (48-bit canonical addresses, the user half below
 * 0x0000_8000_0000_0000); {@code x86_32} walks two levels of 10 bits (a 4 GiB
 * space split 3 GiB user / 1 GiB kernel).
 */
public enum Paging {
    X86_64(4, 9, 8, 48, 0x0000_7FFF_FFFF_FFFFL),
    X86_32(2, 10, 4, 32, 0xBFFF_FFFFL);

    /** Table levels walked. */
    public final int levels;
    /** Index bits per level. */
    public final int indexBits;
    /** Bytes per page-table entry. */
    public final int pteBytes;
    /** Virtual address bits. */
    public final int addressBits;
    /** The highest user-space address. */
    public final long userTop;

    Paging(int levels, int indexBits, int pteBytes, int addressBits, long userTop) {
        this.levels = levels;
        this.indexBits = indexBits;
        this.pteBytes = pteBytes;
        this.addressBits = addressBits;
        this.userTop = userTop;
    }
}
