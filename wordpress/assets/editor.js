/**
 * The blocks' editor side: a server-rendered preview (the same renderer as the page, showing
 * its plain fallback, since the widgets' script is not loaded in the editor) and sidebar
 * controls for the main attributes. Plain script over WordPress's globals: no build step.
 */
(function (wp, labels) {
  'use strict';
  var el = wp.element.createElement;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var SelectControl = wp.components.SelectControl;
  var ServerSideRender = wp.serverSideRender;

  function text(props, name, label) {
    return el(TextControl, {
      key: name,
      label: label,
      value: props.attributes[name] || '',
      onChange: function (value) {
        var change = {};
        change[name] = value;
        props.setAttributes(change);
      },
    });
  }

  function number(props, name, label, min, max) {
    return el(TextControl, {
      key: name,
      label: label,
      type: 'number',
      min: min,
      max: max,
      value: props.attributes[name],
      onChange: function (value) {
        var change = {};
        change[name] = Math.max(min, Math.min(max, parseInt(value, 10) || min));
        props.setAttributes(change);
      },
    });
  }

  function select(props, name, label, options) {
    return el(SelectControl, {
      key: name,
      label: label,
      value: props.attributes[name] || '',
      options: options,
      onChange: function (value) {
        var change = {};
        change[name] = value;
        props.setAttributes(change);
      },
    });
  }

  var languages = function (props) {
    return select(props, 'lang', labels.lang, [
      { label: labels.page, value: '' },
      { label: 'Bahasa Indonesia', value: 'id' },
      { label: 'English', value: 'en' },
    ]);
  };

  var controls = {
    'kabar/article-feed': function (props) {
      return [
        number(props, 'perPage', labels.perPage, 1, 100),
        text(props, 'category', labels.category),
        text(props, 'tag', labels.tag),
        number(props, 'headingLevel', labels.headingLevel, 1, 6),
        languages(props),
        text(props, 'backend', labels.backend),
        select(props, 'source', labels.source, [
          { label: labels.page, value: '' },
          { label: 'Kabar', value: 'kabar' },
          { label: 'WordPress', value: 'wordpress' },
          { label: 'JSON Feed', value: 'jsonfeed' },
          { label: 'RSS / Atom', value: 'rss' },
        ]),
      ];
    },
    'kabar/story-form': function (props) {
      return [
        number(props, 'minParagraphs', labels.minParagraphs, 1, 20),
        select(props, 'photo', labels.photo, [
          { label: labels.optional, value: 'optional' },
          { label: labels.required, value: 'required' },
          { label: labels.none, value: 'none' },
        ]),
        number(props, 'headingLevel', labels.headingLevel, 1, 6),
        languages(props),
      ];
    },
    'kabar/comment-box': function (props) {
      return [text(props, 'thread', labels.thread), number(props, 'headingLevel', labels.headingLevel, 1, 6), languages(props)];
    },
    'kabar/comment-count': function (props) {
      return [text(props, 'thread', labels.thread), languages(props)];
    },
  };

  Object.keys(controls).forEach(function (name) {
    wp.blocks.registerBlockType(name, {
      edit: function (props) {
        return el(
          'div',
          useBlockProps(),
          el(InspectorControls, null, el(PanelBody, { title: labels.settings }, controls[name](props))),
          el(ServerSideRender, { block: name, attributes: props.attributes }),
        );
      },
      save: function () {
        return null;
      },
    });
  });
})(window.wp, window.kabarEditor);
