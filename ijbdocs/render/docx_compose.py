"""Board packs: documents of one build joined into one, each starting on a new page.

Every document of a build is made from the same prepared reference document (WordBase), so
they share styles, settings, headers and footers. Joining them is therefore only: copy the
body, give each list its own numbering in the pack, and carry hyperlinks and pictures
over. (A general-purpose merger such as docxcompose also reconciles styles paragraph by
paragraph, which was half the time of a whole build, and it rebinds python-docx's global
namespace map on import.)
"""

from __future__ import annotations

import io
from copy import deepcopy

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL_ATTRIBUTES = (f"{_R}id", f"{_R}embed", f"{_R}link")


class Pack:
    """A document (the pack's first part, e.g. the agenda) that others are appended to."""

    def __init__(self, master: DocxDocument):
        self.document = master
        self.body = master.element.body
        self.numbering = master.part.numbering_part.element
        self.next_num = _next_id(self.numbering, "w:num", "w:numId")
        self.next_abstract = _next_id(self.numbering, "w:abstractNum", "w:abstractNumId")
        self.abstract_ids = {a.get(qn("w:abstractNumId"))
                             for a in self.numbering.findall(qn("w:abstractNum"))}

    def append(self, document: DocxDocument) -> None:
        """Add `document`'s body at the end, starting on a new page."""
        numbers = self._copy_numbering(document)
        section = self.body.find(qn("w:sectPr"))
        first = True
        for child in document.element.body:
            if child.tag == qn("w:sectPr"):
                continue  # the pack keeps its own (identical) page setup
            copy = deepcopy(child)
            if first:
                _start_on_new_page(copy)
                first = False
            for num_id in copy.iter(qn("w:numId")):
                old = num_id.get(qn("w:val"))
                if old in numbers:
                    num_id.set(qn("w:val"), numbers[old])
            self._relink(copy, document)
            if section is not None:
                section.addprevious(copy)
            else:
                self.body.append(copy)

    def finish(self) -> DocxDocument:
        """The joined document, with drawing ids made unique again."""
        for number, doc_pr in enumerate(self.body.iter(qn("wp:docPr")), start=1):
            doc_pr.set("id", str(number))
        return self.document

    def _copy_numbering(self, document: DocxDocument) -> dict[str, str]:
        """Each list of `document` gets a numbering of its own in the pack: old id → new id."""
        try:
            source = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}
        abstracts = {a.get(qn("w:abstractNumId")): a for a in source.findall(qn("w:abstractNum"))}
        copied_abstracts: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for num in source.findall(qn("w:num")):
            copy = deepcopy(num)
            abstract_ref = copy.find(qn("w:abstractNumId"))
            abstract_id = abstract_ref.get(qn("w:val")) if abstract_ref is not None else None
            if abstract_id is not None and abstract_id not in self.abstract_ids:
                # a definition the pack lacks (not one of the shared base's): bring it along
                if abstract_id not in copied_abstracts and abstract_id in abstracts:
                    abstract = deepcopy(abstracts[abstract_id])
                    new_abstract = str(self.next_abstract)
                    self.next_abstract += 1
                    abstract.set(qn("w:abstractNumId"), new_abstract)
                    first_num = self.numbering.find(qn("w:num"))
                    if first_num is not None:
                        first_num.addprevious(abstract)
                    else:
                        self.numbering.append(abstract)
                    copied_abstracts[abstract_id] = new_abstract
                if abstract_id in copied_abstracts:
                    abstract_ref.set(qn("w:val"), copied_abstracts[abstract_id])  # type: ignore[union-attr]
            new_id = str(self.next_num)
            self.next_num += 1
            copy.set(qn("w:numId"), new_id)
            self.numbering.append(copy)
            numbers[num.get(qn("w:numId"))] = new_id
        return numbers

    def _relink(self, element: BaseOxmlElement, document: DocxDocument) -> None:
        """Point relationship ids (hyperlinks, pictures) at the pack's own relationships."""
        rels = document.part.rels
        for node in element.iter():
            for attribute in _REL_ATTRIBUTES:
                old = node.get(attribute)
                if old is None:
                    continue
                rel = rels[old]
                if rel.is_external:
                    new = self.document.part.relate_to(rel.target_ref, rel.reltype,
                                                       is_external=True)
                elif rel.reltype == RT.IMAGE:
                    new, _ = self.document.part.get_or_add_image(io.BytesIO(rel.target_part.blob))
                else:
                    raise ValueError(f"cannot carry a {rel.reltype} relationship into a pack")
                node.set(attribute, new)


def _start_on_new_page(element: BaseOxmlElement) -> None:
    if element.tag == qn("w:p"):
        Paragraph(element, None).paragraph_format.page_break_before = True  # type: ignore[arg-type]


def _next_id(parent: BaseOxmlElement, tag: str, attribute: str) -> int:
    return max((int(e.get(qn(attribute))) for e in parent.findall(qn(tag))), default=0) + 1
