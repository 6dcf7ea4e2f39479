"""Vocabularies shared by the importer and the rules, one data module each.

- `residue`: the words of a web page's frame (来源：, 您的当前位置, 打印本页 …): the importer
  drops the lines they open, the `web-residue` rule flags them in a plan.
- `owners`: the labels that introduce owners and deadlines (责任部门：, 牵头单位：,
  完成时限：): the importer's owner extraction and its reading of a bracket or a table
  header use them; the rendered bracket's own labels are among them.
- `calendar`: festivals (fixed and lunar, by year) and school periods: the deadline reader
  turns 春节前, 教师节 or 寒假 into dates with them.

Chinese character classes (Han ideographs, CJK text) live in `planforge.zh`.
"""
