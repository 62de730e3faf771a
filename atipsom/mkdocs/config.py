"""Options of the statutes plugin (grouped by prefix, in the manner of Material's plugins)."""

from mkdocs.config.base import Config
from mkdocs.config.config_options import Optional, Type


class StatutesConfig(Config):
    enabled = Type(bool, default=True)

    # where the law lives, relative to mkdocs.yml
    statutes_dir = Type(str, default="statutes")

    # the date the site treats as today (YYYY-MM-DD); empty: the build date (or $ATIPSOM_TODAY)
    today = Optional(Type(str))

    # provision <-> guidance links computed by build_index.py; declared links are used when absent
    links_file = Type(str, default="var/links.json")
    links_export = Type(bool, default=True)

    # where "Edit this page" points: the repository's edit URL for the file a contributor should change
    edit_base_url = Type(str, default="")
