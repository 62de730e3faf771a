"""Open data (issue 16): every version of the Act as JSON and Akoma Ntoso, the bulk files of the site's
data/ folder with their manifest, and the Atom feed of changes."""
