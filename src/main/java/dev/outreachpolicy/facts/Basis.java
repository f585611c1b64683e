package dev.outreachpolicy.facts;

/** The legal bases the controller relies on: the Art. 6 basis and, for special data, the Art. 9(2) exemption. */
public final class Basis {
    private final String article6;
    private final String article9;

    public Basis(String article6, String article9) {
        this.article6 = article6;
        this.article9 = article9;
    }

    public String getArticle6() { return article6; }
    public String getArticle9() { return article9; }
}
